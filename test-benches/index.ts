// Public face of test-benches: simulators and bench wiring, usable by scenario files and HIL rigs.
export {};
