// Instruction encoders for the ISS unit tests: the generator's encoders (sim/rigen), so there is one
// encoder in the project. A relative include keeps iss_unit_tests free of a link to corelab_rigen.
#pragma once

#include "../../sim/rigen/include/corelab/rigen/encode.hpp"

namespace enc = corelab::rigen::enc;
