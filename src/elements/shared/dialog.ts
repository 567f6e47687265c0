/**
 * The confirmation dialog elements show before a consequential action (disconnecting a calendar, connecting the
 * service account): a native modal `<dialog>` (focus is trapped and the page behind is inert, Escape cancels), opened
 * with `showModal()`. The safe choice ("Keep connection") has `autofocus` in a destructive dialog, so a stray Enter
 * never disconnects. A `<form method="dialog">` closes it with the pressed button's value as `returnValue`; the
 * element reads it in `close` and returns focus to the control that opened the dialog, or — after a confirmed
 * action removed that control — to the element's next sensible control.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { heading } from './heading.js';

export interface ConfirmDialogSpec {
  id: string;
  title: string;
  text: string;
  /** Extra paragraph (the service account's "existing connections are kept"). */
  note?: string;
  confirm: string;
  cancel: string;
  /** Destructive (default): the confirm button is styled as danger and the safe choice takes the focus. */
  destructive?: boolean;
  /** Heading level of the title (2–6). */
  level: number;
  onClose: (confirmed: boolean) => void;
}

export function renderConfirmDialog(spec: ConfirmDialogSpec): TemplateResult {
  const onClose = (e: Event) => spec.onClose((e.currentTarget as HTMLDialogElement).returnValue === 'confirm');
  return html`<dialog part="dialog" class="dialog" id=${spec.id} aria-labelledby="${spec.id}-title" aria-describedby="${spec.id}-text" @close=${onClose}>
    <form method="dialog" class="dialog-form">
      ${heading(spec.level, spec.title, 'dialog-title', `${spec.id}-title`)}
      <div id="${spec.id}-text" part="dialog-text">
        <p>${spec.text}</p>
        ${spec.note ? html`<p>${spec.note}</p>` : nothing}
      </div>
      <div class="actions" part="dialog-actions">
        ${spec.destructive === false
          ? html`<button part="button button--primary" class="primary" value="confirm" autofocus>${spec.confirm}</button>
              <button part="button" value="cancel">${spec.cancel}</button>`
          : html`<button part="button button--danger" class="danger-button" value="confirm">${spec.confirm}</button>
              <button part="button" value="cancel" autofocus>${spec.cancel}</button>`}
      </div>
    </form>
  </dialog>`;
}

/** Opens dialog `id` inside `root` as a modal, forgetting the previous answer. */
export function openDialog(root: ParentNode, id: string): void {
  const dialog = root.querySelector<HTMLDialogElement>(`#${id}`);
  if (!dialog || dialog.open) return;
  dialog.returnValue = '';
  dialog.showModal();
}
