export function Logo({ className = "" }: { className?: string }) {
  return (
    <span className={`inline-flex items-center gap-2 font-semibold tracking-tight ${className}`}>
      <svg viewBox="0 0 32 32" className="size-7" aria-hidden>
        <rect width="32" height="32" rx="8" fill="#4338ca" />
        <path d="M9 11h8a3 3 0 0 1 0 6h-2a3 3 0 0 0 0 6h8" fill="none" stroke="#fff" strokeWidth="2.6" strokeLinecap="round" />
        <circle cx="9" cy="11" r="2.2" fill="#a5b4fc" />
        <circle cx="23" cy="23" r="2.2" fill="#5eead4" />
      </svg>
      <span>Switchboard</span>
    </span>
  );
}
