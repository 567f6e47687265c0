/**
 * Moves the focus, after a render, to a control that render creates: when an action replaces the focused control
 * (a new step, a form that opens or closes, a row that loses its button), the element names where the focus goes
 * instead. A reactive controller, so every element shares it without a base class.
 *
 * Invariants: a request stays pending until an update renders a match (a step without the target, such as loading,
 * keeps it for the next one), then is dropped; comma-separated selectors are tried in the order given, not in
 * document order as `querySelector` would.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class FocusAfterUpdateController implements ReactiveController {
  /** Selector(s) of the control to focus after the next update that renders one; undefined when none is pending. */
  target?: string;
  readonly #host: ReactiveControllerHost & { readonly renderRoot: ParentNode };

  constructor(host: ReactiveControllerHost & { readonly renderRoot: ParentNode }) {
    this.#host = host;
    host.addController(this);
  }

  hostUpdated(): void {
    const el = this.target
      ?.split(',')
      .map((selector) => this.#host.renderRoot.querySelector<HTMLElement>(selector))
      .find((found) => found);
    if (el) {
      this.target = undefined;
      el.focus();
    }
  }
}
