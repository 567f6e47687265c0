/**
 * Form association for dv-* inputs through `ElementInternals`: the host declares `static formAssociated = true`
 * and creates this controller in its constructor; the controller attaches the internals and, after every host
 * update, hands the form the current value and validity the host computes. So `name`, `required`, `<form>`
 * submission (`FormData`), `form.checkValidity()`, `:invalid`, fieldset `disabled` and form reset behave as they do
 * for a native input.
 *
 * Invariants: value and validity are pushed from one place (`hostUpdated`, or `sync()` when the host changes them
 * outside an update), so they can never disagree with what is rendered; a validity anchor is used only while it is
 * inside the host's shadow root (the platform throws otherwise).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface FormValidity {
  flags: ValidityStateFlags;
  message: string;
  /** The control the browser points at when it reports the problem. */
  anchor?: HTMLElement | null;
}

export interface FormControlConfig {
  /** The submitted value; `null` submits nothing. */
  value: () => string | null;
  /** Current validity; an empty `flags` object (or all false) means valid. */
  validity: () => FormValidity;
}

export class FormControlController implements ReactiveController {
  readonly internals: ElementInternals;
  #host: ReactiveControllerHost & HTMLElement;
  #config: FormControlConfig;

  constructor(host: ReactiveControllerHost & HTMLElement, config: FormControlConfig) {
    this.#host = host;
    this.#config = config;
    this.internals = host.attachInternals();
    host.addController(this);
  }

  hostUpdated(): void {
    this.sync();
  }

  /** Push value and validity to the form now. */
  sync(): void {
    const value = this.#config.value();
    this.internals.setFormValue(value, value);
    const { flags, message, anchor } = this.#config.validity();
    if (!Object.values(flags).some(Boolean)) {
      this.internals.setValidity({});
      return;
    }
    const inside = anchor && this.#host.shadowRoot?.contains(anchor) ? anchor : undefined;
    this.internals.setValidity(flags, message || ' ', inside);
  }

  get form(): HTMLFormElement | null {
    return this.internals.form;
  }
  get validity(): ValidityState {
    return this.internals.validity;
  }
  get validationMessage(): string {
    return this.internals.validationMessage;
  }
  get willValidate(): boolean {
    return this.internals.willValidate;
  }
  checkValidity(): boolean {
    this.sync();
    return this.internals.checkValidity();
  }
  reportValidity(): boolean {
    this.sync();
    return this.internals.reportValidity();
  }
}
