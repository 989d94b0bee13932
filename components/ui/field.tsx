import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from "react";

const CONTROL =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 focus:border-indigo-500 aria-[invalid=true]:border-red-500";

type FieldProps = { label: string; hint?: ReactNode; error?: string };

/** A labelled input with its hint and error wired for assistive technology. */
export function TextField({ label, hint, error, id, ...props }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const generated = useId();
  const inputId = id ?? generated;
  return (
    <div className="space-y-1">
      <label htmlFor={inputId} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={inputId}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${inputId}-error` : hint ? `${inputId}-hint` : undefined}
        className={CONTROL}
        {...props}
      />
      {hint && !error ? <p id={`${inputId}-hint`} className="text-xs text-slate-500">{hint}</p> : null}
      {error ? <p id={`${inputId}-error`} className="text-xs text-red-700">{error}</p> : null}
    </div>
  );
}

export function SelectField({ label, error, id, children, ...props }: FieldProps & SelectHTMLAttributes<HTMLSelectElement>) {
  const generated = useId();
  const selectId = id ?? generated;
  return (
    <div className="space-y-1">
      <label htmlFor={selectId} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <select id={selectId} aria-invalid={error ? true : undefined} className={CONTROL} {...props}>
        {children}
      </select>
      {error ? <p className="text-xs text-red-700">{error}</p> : null}
    </div>
  );
}
