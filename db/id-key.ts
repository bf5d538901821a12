// The comparison key of a model id: ASCII case folded, exactly as SQLite's NOCASE collation compares ids.

/** Folds A-Z only (not other letters), so two ids have equal keys exactly when NOCASE finds them equal. */
export function idKey(id: string): string {
  return /[A-Z]/.test(id) ? id.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32)) : id;
}
