/* Exits at once: scripts/bench.py times it to measure a simulator's start-up time, which it then
 * subtracts from the long runs. */
int main(void) { return 0; }
