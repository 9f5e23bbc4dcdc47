// Public face of hw-profiles: the charger-profile schema, the loader and the register maps.
export {};
