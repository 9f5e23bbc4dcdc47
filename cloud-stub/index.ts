// Public face of cloud-stub for the test benches (compose a cloud in-process for scenarios).
export {};
