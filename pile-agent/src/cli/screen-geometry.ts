// The screen the `screen render` and `screen serve` commands draw for: the logical size (and the
// profile's VIN feature) from --profile, or from --size and --rotation. Shared by both commands.
import { loadProfile } from '../../../hw-profiles/index.js';
import { logicalSize, type Rotation } from '../ports/display.port.js';

export interface ScreenSizeArgs {
  profile?: string;
  size?: string;
  rotation?: string;
}

/** The logical screen and the profile's VIN feature from --profile or --size/--rotation. */
export function geometry(a: ScreenSizeArgs): { width: number; height: number; vinCharge: boolean | null } {
  if (a.profile) {
    const p = loadProfile(a.profile);
    if (!p.screen) throw new Error(`profile ${a.profile} has no screen`);
    return { ...logicalSize(p.screen), vinCharge: p.features?.vinCharge ?? false };
  }
  const m = /^(\d{3,4})x(\d{3,4})$/.exec(a.size ?? '800x480');
  if (!m) throw new Error(`--size must look like 800x480, got ${a.size}`);
  const rotation = Number(a.rotation ?? '0');
  if (![0, 90, 180, 270].includes(rotation)) throw new Error(`--rotation must be 0, 90, 180 or 270, got ${a.rotation}`);
  return { ...logicalSize({ width: Number(m[1]), height: Number(m[2]), rotation: rotation as Rotation }), vinCharge: null };
}
