// Search-as-you-type over model ids: an ARIA 1.2 combobox (arrows move, Enter opens, Escape closes then clears).
import type { SearchHit } from "../../server/contract/types";
import type { ApiClient } from "./api-client";
import { createElement } from "./create-element";
import { formatCompact } from "./format";

export interface SearchBoxOptions {
  api: Pick<ApiClient, "search">;
  onChoose(id: string): void;
  /** "hero" on the home page, "compact" in the header. */
  variant: "hero" | "compact";
  debounceMs?: number;
  limit?: number;
}

export interface SearchBox {
  element: HTMLElement;
  focus(): void;
  destroy(): void;
}

const DEFAULT_DEBOUNCE_MS = 120;
const DEFAULT_LIMIT = 8;
let instances = 0;

export function createSearchBox(options: SearchBoxOptions): SearchBox {
  const debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  const limit = options.limit ?? DEFAULT_LIMIT;
  const listId = `search-list-${++instances}`;

  let hits: SearchHit[] = [];
  let active = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inflight: AbortController | null = null;

  const input = createElement("input", {
    class: "search-input",
    attrs: {
      type: "text",
      role: "combobox",
      "aria-label": "Search models by id",
      "aria-autocomplete": "list",
      "aria-expanded": "false",
      "aria-controls": listId,
      placeholder: "Search a model, e.g. meta-llama/Llama-2-7b",
      autocomplete: "off",
      spellcheck: "false",
      "data-testid": "search-input",
    },
  });
  const list = createElement("ul", {
    class: "search-list",
    attrs: { id: listId, role: "listbox", "aria-label": "Matching models", hidden: true },
  });
  const status = createElement("div", { class: "search-status", attrs: { role: "status", "aria-live": "polite" } });
  const element = createElement("div", { class: `search search-${options.variant}` }, [input, list, status]);

  function setOpen(open: boolean): void {
    list.hidden = !open;
    input.setAttribute("aria-expanded", String(open));
    if (!open) setActive(-1);
  }

  function setActive(index: number): void {
    active = index;
    list.querySelectorAll<HTMLElement>("[role=option]").forEach((option, i) => {
      option.setAttribute("aria-selected", String(i === index));
      if (i === index) option.scrollIntoView({ block: "nearest" });
    });
    if (index >= 0) input.setAttribute("aria-activedescendant", `${listId}-${index}`);
    else input.removeAttribute("aria-activedescendant");
  }

  function choose(index: number): void {
    const hit = hits[index];
    if (!hit) return;
    setOpen(false);
    input.value = hit.id;
    options.onChoose(hit.id);
  }

  function renderHits(query: string): void {
    list.replaceChildren(
      ...hits.map((hit, index) =>
        createElement(
          "li",
          {
            class: "search-option",
            attrs: { id: `${listId}-${index}`, role: "option", "aria-selected": "false", "data-model-id": hit.id },
            on: {
              // mousedown, not click: it fires before the input's blur closes the list.
              mousedown: (event) => {
                event.preventDefault();
                choose(index);
              },
              mousemove: () => {
                if (active !== index) setActive(index);
              },
            },
          },
          [
            createElement("span", { class: "search-option-id" }, [hit.id]),
            createElement("span", { class: "search-option-meta" }, [
              `${formatCompact(hit.descendants)} derivatives · ${formatCompact(hit.downloads)} downloads`,
            ]),
          ],
        ),
      ),
    );
    status.textContent = hits.length === 0 ? `No model matches “${query}”.` : `${hits.length} matching models`;
    status.classList.toggle("search-status-empty", hits.length === 0);
    setOpen(hits.length > 0);
  }

  async function runSearch(query: string): Promise<void> {
    inflight?.abort();
    const controller = new AbortController();
    inflight = controller;
    element.classList.add("is-loading");
    try {
      const result = await options.api.search(query, limit, controller.signal);
      if (controller.signal.aborted) return;
      hits = result;
      renderHits(query);
    } catch (error) {
      if (controller.signal.aborted) return;
      hits = [];
      setOpen(false);
      status.textContent = `Search failed: ${error instanceof Error ? error.message : String(error)}`;
      status.classList.add("search-status-empty");
    } finally {
      if (inflight === controller) {
        inflight = null;
        element.classList.remove("is-loading");
      }
    }
  }

  function onInput(): void {
    clearTimeout(timer);
    const query = input.value.trim();
    if (query === "") {
      inflight?.abort();
      hits = [];
      list.replaceChildren();
      status.textContent = "";
      setOpen(false);
      return;
    }
    timer = setTimeout(() => void runSearch(query), debounceMs);
  }

  function onKeyDown(event: KeyboardEvent): void {
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp": {
        if (hits.length === 0) return;
        event.preventDefault();
        if (list.hidden) setOpen(true);
        const step = event.key === "ArrowDown" ? 1 : -1;
        setActive((active + step + hits.length) % hits.length);
        return;
      }
      case "Enter":
        if (list.hidden || hits.length === 0) return;
        event.preventDefault();
        choose(Math.max(active, 0));
        return;
      case "Escape":
        event.preventDefault();
        if (!list.hidden) setOpen(false);
        else {
          input.value = "";
          onInput();
        }
        return;
    }
  }

  const onBlur = () => setOpen(false);
  const onFocus = () => {
    if (hits.length > 0 && input.value.trim() !== "") setOpen(true);
  };
  input.addEventListener("input", onInput);
  input.addEventListener("keydown", onKeyDown);
  input.addEventListener("blur", onBlur);
  input.addEventListener("focus", onFocus);

  return {
    element,
    focus: () => input.focus(),
    destroy() {
      clearTimeout(timer);
      inflight?.abort();
      input.removeEventListener("input", onInput);
      input.removeEventListener("keydown", onKeyDown);
      input.removeEventListener("blur", onBlur);
      input.removeEventListener("focus", onFocus);
    },
  };
}
