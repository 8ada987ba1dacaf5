/** The SLX Connect mark: two nodes joined by a path. */
export function Logo({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false" className="logo">
      <rect width="32" height="32" rx="7" fill="#2563eb" />
      <path d="M9 11h9a4 4 0 0 1 0 8h-4a4 4 0 0 0 0 8h9" fill="none" stroke="#fff" strokeWidth="3" strokeLinecap="round" />
      <circle cx="9" cy="11" r="2.5" fill="#7dd3fc" />
      <circle cx="23" cy="27" r="2.5" fill="#7dd3fc" />
    </svg>
  );
}
