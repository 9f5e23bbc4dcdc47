// The secret-hash string format of the product (wire contract, issue 8): `scrypt$N$r$p$<salt>$<key>`,
// salt and key in base64 of either alphabet (standard `+/` or URL-safe `-_`), padding optional. The
// cloud writes base64url, the pile standard base64; both read both. Pure: a regex only.

export const SECRET_HASH_PATTERN = /^scrypt\$(\d{1,8})\$(\d{1,3})\$(\d{1,3})\$([A-Za-z0-9+/_-]+={0,2})\$([A-Za-z0-9+/_-]+={0,2})$/;
