// The comparison key of a model id: ASCII case folded, exactly as SQLite's NOCASE collation compares ids.

/**
 * Folds A-Z only (not other letters), so two ids have equal keys exactly when NOCASE finds them equal. Hub ids are
 * ASCII, where toLowerCase folds A-Z only; an id with any other character takes the A-Z-only replace.
 */
export function idKey(id: string): string {
  let hasUpper = false;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c > 127) return id.replace(/[A-Z]/g, (letter) => String.fromCharCode(letter.charCodeAt(0) + 32));
    if (c >= 65 && c <= 90) hasUpper = true;
  }
  return hasUpper ? id.toLowerCase() : id;
}
