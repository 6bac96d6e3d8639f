import type { InputHTMLAttributes } from 'preact';

type FieldProps = {
  id: string;
  label: string;
  name: string;
  type: 'email' | 'password' | 'text';
  autocomplete: string;
  required?: boolean;
  maxLength?: number;
  error?: string | undefined;
  hint?: string;
};

/** A labelled input with its hint or error underneath, wired for screen readers. */
export function Field({ id, label, error, hint, ...input }: FieldProps) {
  const noteId = `${id}-note`;
  const note = error ?? hint;
  return (
    <div class={error ? 'field field-invalid' : 'field'}>
      <label for={id}>{label}</label>
      <input
        id={id}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={note ? noteId : undefined}
        // Preact 11 types <input> per literal `type`; FieldProps already limits it to a few.
        {...(input as InputHTMLAttributes<HTMLInputElement>)}
      />
      {note && (
        <p id={noteId} class={error ? 'field-error' : 'field-hint'}>
          {note}
        </p>
      )}
    </div>
  );
}
