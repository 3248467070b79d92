"use client";

import { X } from "lucide-react";
import { useId, useState } from "react";
import { cn } from "@/lib/ui/cn";

/*
 * Form controls of the configuration editors: every control has a real <label>, its hint or error
 * tied to it by aria-describedby, and the look of components/ui/field.tsx.
 */

export const inputClass =
  "block w-full rounded-md border bg-surface px-3 text-sm text-ink shadow-sm placeholder:text-faint focus:border-brand focus:outline-none focus:ring-2 focus:ring-brand/20 disabled:cursor-not-allowed disabled:bg-subtle disabled:text-ink-2";

export interface FieldShellProps {
  label: string;
  hint?: React.ReactNode;
  error?: string;
  className?: string;
  /** Shown to the right of the label, e.g. a counter. */
  aside?: React.ReactNode;
  children: (props: { id: string; describedBy?: string; invalid?: true }) => React.ReactNode;
}

export function FieldShell({ label, hint, error, className, aside, children }: FieldShellProps) {
  const id = useId();
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className={cn("space-y-1.5", className)}>
      <div className="flex items-baseline justify-between gap-3">
        <label htmlFor={id} className="block text-sm font-medium text-ink-2">
          {label}
        </label>
        {aside}
      </div>
      {children({ id, describedBy, invalid: error ? true : undefined })}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-bad">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="text-xs text-muted">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

type InputProps = Omit<React.InputHTMLAttributes<HTMLInputElement>, "children"> & { label: string; hint?: React.ReactNode; error?: string; shellClassName?: string };

export function Input({ label, hint, error, shellClassName, className, ...props }: InputProps) {
  return (
    <FieldShell label={label} hint={hint} error={error} className={shellClassName}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          className={cn(inputClass, "h-10", error ? "border-bad" : "border-line-strong", className)}
          {...props}
        />
      )}
    </FieldShell>
  );
}

type SelectProps = Omit<React.SelectHTMLAttributes<HTMLSelectElement>, "children"> & {
  label: string;
  hint?: React.ReactNode;
  error?: string;
  shellClassName?: string;
  options: readonly { value: string; label: string }[];
};

export function Select({ label, hint, error, shellClassName, className, options, ...props }: SelectProps) {
  return (
    <FieldShell label={label} hint={hint} error={error} className={shellClassName}>
      {({ id, describedBy, invalid }) => (
        <select
          id={id}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          className={cn(inputClass, "h-10", error ? "border-bad" : "border-line-strong", className)}
          {...props}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

export function Checkbox({
  label,
  description,
  checked,
  onChange,
  disabled,
}: {
  label: string;
  description?: React.ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
}) {
  return (
    <label className={cn("flex items-start gap-2.5 text-sm", disabled ? "cursor-not-allowed" : "cursor-pointer")}>
      <input
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(event) => onChange(event.target.checked)}
        className="mt-0.5 size-4 shrink-0 accent-brand"
      />
      <span>
        <span className="font-medium text-ink">{label}</span>
        {description ? <span className="block text-xs text-muted">{description}</span> : null}
      </span>
    </label>
  );
}

/**
 * A list of short values typed one by one (queues, tiers, keywords, call types): Enter or comma
 * adds, the × of a chip removes. `suggestions` feed a datalist for known values.
 */
export function TagInput({
  label,
  hint,
  error,
  values,
  onChange,
  disabled,
  suggestions,
  placeholder,
  normalize = (value: string) => value.trim(),
}: {
  label: string;
  hint?: React.ReactNode;
  error?: string;
  values: string[];
  onChange: (values: string[]) => void;
  disabled?: boolean;
  suggestions?: readonly { value: string; label: string }[];
  placeholder?: string;
  normalize?: (value: string) => string;
}) {
  const [draft, setDraft] = useState("");
  const listId = useId();
  const labelOf = (value: string) => suggestions?.find((suggestion) => suggestion.value === value)?.label;
  const add = (raw: string) => {
    const additions = raw
      .split(",")
      .map(normalize)
      .filter((value) => value !== "" && !values.includes(value));
    if (additions.length > 0) onChange([...values, ...additions]);
    setDraft("");
  };
  return (
    <FieldShell label={label} hint={hint} error={error}>
      {({ id, describedBy, invalid }) => (
        <div
          className={cn(
            "flex min-h-10 flex-wrap items-center gap-1.5 rounded-md border bg-surface px-2 py-1.5 shadow-sm focus-within:border-brand focus-within:ring-2 focus-within:ring-brand/20",
            error ? "border-bad" : "border-line-strong",
            disabled && "bg-subtle",
          )}
        >
          {values.map((value) => (
            <span key={value} className="inline-flex max-w-full items-center gap-1 rounded bg-brand-soft py-0.5 pl-2 pr-1 text-xs font-medium text-brand">
              <span className="truncate" title={labelOf(value) ? `${labelOf(value)} (${value})` : value}>
                {labelOf(value) ?? value}
              </span>
              {disabled ? null : (
                <button
                  type="button"
                  onClick={() => onChange(values.filter((other) => other !== value))}
                  className="rounded p-0.5 hover:bg-brand/10"
                  aria-label={`Remove ${labelOf(value) ?? value}`}
                >
                  <X className="size-3" aria-hidden />
                </button>
              )}
            </span>
          ))}
          {disabled ? (
            values.length === 0 ? <span className="px-1 text-sm text-faint">None</span> : null
          ) : (
            <input
              id={id}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              list={suggestions ? listId : undefined}
              value={draft}
              placeholder={values.length === 0 ? placeholder : undefined}
              onChange={(event) => {
                const value = event.target.value;
                if (value.endsWith(",")) add(value);
                else if (suggestions?.some((suggestion) => suggestion.value === value)) add(value);
                else setDraft(value);
              }}
              onKeyDown={(event) => {
                if (event.key === "Enter") {
                  event.preventDefault();
                  add(draft);
                } else if (event.key === "Backspace" && draft === "" && values.length > 0) {
                  onChange(values.slice(0, -1));
                }
              }}
              onBlur={() => draft && add(draft)}
              className="h-7 min-w-32 flex-1 bg-transparent px-1 text-sm text-ink outline-none placeholder:text-faint"
            />
          )}
          {suggestions ? (
            <datalist id={listId}>
              {suggestions
                .filter((suggestion) => !values.includes(suggestion.value))
                .map((suggestion) => (
                  <option key={suggestion.value} value={suggestion.value}>
                    {suggestion.label}
                  </option>
                ))}
            </datalist>
          ) : null}
        </div>
      )}
    </FieldShell>
  );
}

/** A titled group of fields inside an editor card. */
export function Section({ title, description, children, className }: { title: string; description?: React.ReactNode; children: React.ReactNode; className?: string }) {
  return (
    <section className={cn("space-y-4 border-t border-line px-5 py-5 first:border-t-0", className)}>
      <div>
        <h3 className="text-sm font-semibold text-ink">{title}</h3>
        {description ? <p className="mt-0.5 text-xs text-muted">{description}</p> : null}
      </div>
      {children}
    </section>
  );
}
