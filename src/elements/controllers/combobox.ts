/**
 * Keyboard and ARIA state of an editable combobox with a listbox popup (WAI-ARIA APG "list autocomplete without
 * automatic selection"): focus stays in the text input, the active option is conveyed with
 * `aria-activedescendant`, ArrowDown/ArrowUp open the popup and move the active option (wrapping), Enter picks it,
 * Escape closes the popup (or, when it is closed, clears the text), Tab and leaving the widget close it. Home, End
 * and the left/right arrows are left to the input so the caret still moves.
 *
 * Invariants: the controller owns only `open` and `active`; the host renders the input, the popup and the options
 * (ids from `optionId`), owns the query and decides what picking means (`onSelect`). The active index is clamped
 * after every host update, so options that change under it (a new search result) never leave it dangling.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface ComboboxConfig<T> {
  /** The options currently shown, in order. */
  items: () => readonly T[];
  /** The user picked `item` (Enter on the active option, or a click through `pick`). */
  onSelect: (item: T) => void;
  /** The popup opened or closed (e.g. to start loading options). */
  onOpenChange?: (open: boolean) => void;
  /** Prefix of the option ids; unique within the host's shadow root. */
  idPrefix?: string;
}

export class ComboboxController<T> implements ReactiveController {
  #host: ReactiveControllerHost & HTMLElement;
  #config: ComboboxConfig<T>;
  #open = false;
  #active = -1;

  constructor(host: ReactiveControllerHost & HTMLElement, config: ComboboxConfig<T>) {
    this.#host = host;
    this.#config = config;
    host.addController(this);
  }

  /** Whether the popup is shown (`aria-expanded`). */
  get open(): boolean {
    return this.#open;
  }

  /** Index of the active option, -1 for none. */
  get active(): number {
    return this.#active;
  }

  optionId(index: number): string {
    return `${this.#config.idPrefix ?? 'cb'}-option-${index}`;
  }

  /** Value for the input's `aria-activedescendant`; undefined when no option is active. */
  get activeDescendant(): string | undefined {
    return this.#open && this.#active >= 0 ? this.optionId(this.#active) : undefined;
  }

  hostUpdated(): void {
    const count = this.#config.items().length;
    if (this.#active >= count) this.#set(this.#open, count - 1);
    if (this.#active >= 0) {
      // Keep the active option visible inside a scrolling popup; `nearest` never scrolls the page needlessly.
      const el = this.#host.shadowRoot?.getElementById(this.optionId(this.#active));
      el?.scrollIntoView?.({ block: 'nearest' });
    }
  }

  setOpen(open: boolean): void {
    this.#set(open, open ? this.#active : -1);
  }

  /** Typing shows the popup with no option active: the text is the user's, nothing is picked for them. */
  handleInput = (): void => {
    this.#set(true, -1);
  };

  /** Keydown on the input; returns true when it handled (and so consumed) the key. */
  handleKeydown = (event: KeyboardEvent): boolean => {
    const count = this.#config.items().length;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        event.preventDefault();
        const down = event.key === 'ArrowDown';
        if (!this.#open || event.altKey) {
          this.#set(true, event.altKey || count === 0 ? -1 : down ? 0 : count - 1);
          return true;
        }
        if (count === 0) return true;
        const from = this.#active < 0 ? (down ? -1 : count) : this.#active;
        this.#set(true, (from + (down ? 1 : -1) + count) % count);
        return true;
      }
      case 'Enter': {
        if (!this.#open || this.#active < 0) return false;
        event.preventDefault();
        this.pick(this.#active);
        return true;
      }
      case 'Escape': {
        if (!this.#open) return false;
        event.preventDefault();
        this.#set(false, -1);
        return true;
      }
      case 'Tab':
        this.#set(false, -1);
        return false;
      default:
        return false;
    }
  };

  /** Focus left the widget (input and popup): close. Call from the host's `focusout` with the event. */
  handleFocusOut = (event: FocusEvent, widget: Element | null): void => {
    const next = event.relatedTarget as Node | null;
    if (next && widget?.contains(next)) return;
    this.#set(false, -1);
  };

  /** Pick option `index` (click or Enter); the popup closes. */
  pick(index: number): void {
    const item = this.#config.items()[index];
    if (item === undefined) return;
    this.#set(false, -1);
    this.#config.onSelect(item);
  }

  #set(open: boolean, active: number): void {
    const changed = open !== this.#open;
    if (!changed && active === this.#active) return;
    this.#open = open;
    this.#active = open ? active : -1;
    this.#host.requestUpdate();
    if (changed) this.#config.onOpenChange?.(open);
  }
}
