/* The exit convention end to end: main's return value goes through exit() and the EXIT register to
 * the simulator's exit status. A run that ends with any status other than 3 fails.
 * expect-exit: 3 */

int main(void) { return 3; }
