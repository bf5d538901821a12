// Finds models of the drawn family by id: exact, then prefix (of the id or of the name after the owner), then
// substring matches, each group by descendants. Pure, over the view's ids.

export interface FamilyModel {
  id: string;
  descendants: number;
}

/** At most `limit` models matching `query` (case-insensitive), best first; none for a blank query. */
export function searchFamily(models: Iterable<FamilyModel>, query: string, limit: number): FamilyModel[] {
  const needle = query.trim().toLowerCase();
  if (needle === "") return [];
  const scored: { model: FamilyModel; score: number }[] = [];
  for (const model of models) {
    const id = model.id.toLowerCase();
    const at = id.indexOf(needle);
    if (at < 0) continue;
    const name = id.slice(id.indexOf("/") + 1);
    const score = id === needle ? 0 : at === 0 || name.startsWith(needle) ? 1 : 2;
    scored.push({ model, score });
  }
  scored.sort(
    (a, b) =>
      a.score - b.score ||
      b.model.descendants - a.model.descendants ||
      (a.model.id < b.model.id ? -1 : a.model.id > b.model.id ? 1 : 0),
  );
  return scored.slice(0, limit).map((entry) => entry.model);
}
