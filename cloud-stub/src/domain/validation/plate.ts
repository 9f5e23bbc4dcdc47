// Syntax of Chinese motor-vehicle plates (GA 36-2018 《中华人民共和国机动车号牌》) as the cloud accepts
// them for vehicles and plate-named members. Checks the shape only (province, issuing-authority letter,
// serial); it does not know which serials were issued, and it does not normalise: callers trim and
// upper-case first (see normalizePlate).
//
// Accepted (letters never I or O):
//   ordinary, 7 chars      沪A32567   province + letter + 5 of [A-Z0-9]
//   new-energy small, 8    粤BD12345  京AF12345  province + letter + D|F (2021 extension: A B C E G H J K)
//                                     + letter/digit + 4 digits
//   new-energy large, 8    粤B12345D  province + letter + 5 digits + D|F (buses and trucks)
//   special ending, 7      沪A1234学  province + letter + 4 of [A-Z0-9] + 挂|学|警|港|澳 (粤Z…港/澳 cross-border)
// Not accepted: embassy 使/领 plates, military/armed-police plates, temporary plates, lower case, spaces or "·".

export const PLATE_PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
export const PLATE_SPECIAL_ENDINGS = '挂学警港澳';

const LETTER = '[A-HJ-NP-Z]';
const ALNUM = '[A-HJ-NP-Z0-9]';
const PROVINCE = `[${PLATE_PROVINCES}]`;
const ORDINARY = new RegExp(`^${PROVINCE}${LETTER}${ALNUM}{5}$`);
const NEV_SMALL = new RegExp(`^${PROVINCE}${LETTER}[A-HJK]${ALNUM}[0-9]{4}$`);
const NEV_LARGE = new RegExp(`^${PROVINCE}${LETTER}[0-9]{5}[DF]$`);
const SPECIAL = new RegExp(`^${PROVINCE}${LETTER}${ALNUM}{4}[${PLATE_SPECIAL_ENDINGS}]$`);

/** Trims, removes the separators people type ("·", "•", spaces, "-") and upper-cases Latin letters. */
export function normalizePlate(text: string): string {
  return text.replace(/[\s·•・-]/gu, '').toUpperCase();
}

/** null when `plate` is a plate shape listed above; otherwise a one-line reason an operator can act on. */
export function validatePlate(plate: string): string | null {
  if (plate.length === 0) return 'plate is empty';
  const chars = [...plate];
  if (!PLATE_PROVINCES.includes(chars[0])) return `plate must start with a province abbreviation (one of ${PLATE_PROVINCES}), got "${chars[0]}"`;
  if (chars.length !== 7 && chars.length !== 8) return `plate must be 7 characters (8 for new-energy), got ${chars.length}`;
  if (/[a-z]/.test(plate)) return 'plate letters must be upper case';
  if (/[IO]/.test(plate.slice(1))) return 'plate letters never include I or O';
  if (!new RegExp(`^${LETTER}$`).test(chars[1])) return `plate's second character must be a letter, got "${chars[1]}"`;
  if (ORDINARY.test(plate) || SPECIAL.test(plate)) return null;
  if (chars.length === 8) {
    if (NEV_SMALL.test(plate) || NEV_LARGE.test(plate)) return null;
    return 'an 8-character new-energy plate needs D/F then a letter or digit and 4 digits (粤BD12345), or 5 digits then D/F (粤B12345D)';
  }
  return `plate serial "${chars.slice(2).join('')}" must be 5 letters/digits, or 4 then one of ${PLATE_SPECIAL_ENDINGS}`;
}
