import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import ui from './ui.module.css';

export { ui };

type Common = { label: string; error?: string | null; hint?: string };

/** What a labelled control takes from its label: its id and the ids that describe it. */
type ControlProps = {
  id: string;
  className: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
};

/** A label, a hint and an error around one control, linked to it with aria-describedby. */
function Labelled({
  label,
  error,
  hint,
  children,
}: Common & { children: (control: ControlProps) => ReactNode }) {
  const id = useId();
  const described =
    [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') ||
    undefined;
  return (
    <div className={ui.field}>
      <label className={ui.label} htmlFor={id}>
        {label}
      </label>
      {hint && (
        <span id={`${id}-hint`} className={ui.hint}>
          {hint}
        </span>
      )}
      {children({
        id,
        className: ui.input,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': described,
      })}
      {error && (
        <span id={`${id}-error`} className={ui.error}>
          {error}
        </span>
      )}
    </div>
  );
}

/** A labelled input whose error (and hint) is linked with aria-describedby. */
export function Field({
  label,
  error,
  hint,
  ...input
}: Common & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Labelled label={label} error={error} hint={hint}>
      {(control) => <input {...control} {...input} />}
    </Labelled>
  );
}

/** A labelled text area, linked like Field. */
export function TextArea({
  label,
  error,
  hint,
  ...input
}: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Labelled label={label} error={error} hint={hint}>
      {(control) => <textarea {...control} {...input} />}
    </Labelled>
  );
}

export function Select({
  label,
  error,
  children,
  ...input
}: Common & SelectHTMLAttributes<HTMLSelectElement> & { children: ReactNode }) {
  const id = useId();
  return (
    <div className={ui.field}>
      <label className={ui.label} htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        className={ui.input}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        {...input}
      >
        {children}
      </select>
      {error && (
        <span id={`${id}-error`} className={ui.error}>
          {error}
        </span>
      )}
    </div>
  );
}
