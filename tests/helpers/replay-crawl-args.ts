// The crawl options the replay specs share: a database, the replay's URL, no pacing and eight requests in flight.
export function replayCrawlArgs(db: string, hubUrl: string): string[] {
  return ["--db", db, "--hub-url", hubUrl, "--rate", "100000/1", "--concurrency", "8"];
}
