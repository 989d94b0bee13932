import { useId, type TextareaHTMLAttributes } from "react";

/** A labelled multi-line input with its hint and error wired for assistive technology. */
export function TextAreaField({ label, hint, error, id, ...props }: { label: string; hint?: string; error?: string } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const generated = useId();
  const inputId = id ?? generated;
  return (
    <div className="space-y-1">
      <label htmlFor={inputId} className="block text-sm font-medium text-slate-700">{label}</label>
      <textarea
        id={inputId}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${inputId}-error` : hint ? `${inputId}-hint` : undefined}
        className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 focus:border-indigo-500 aria-[invalid=true]:border-red-500"
        {...props}
      />
      {hint && !error ? <p id={`${inputId}-hint`} className="text-xs text-slate-500">{hint}</p> : null}
      {error ? <p id={`${inputId}-error`} className="text-xs text-red-700">{error}</p> : null}
    </div>
  );
}
