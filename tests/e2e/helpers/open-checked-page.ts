// A fresh browser context and page for one test, collecting uncaught page errors so the test can assert there were
// none.
import type { Browser, Page } from "playwright-core";

/** `close()` closes the context and returns the messages of the page errors seen since it opened. */
export async function openCheckedPage(browser: Browser): Promise<{ page: Page; close: () => Promise<string[]> }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 820 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  return {
    page,
    close: async () => {
      await context.close();
      return errors;
    },
  };
}
