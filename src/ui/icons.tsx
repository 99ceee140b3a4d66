// Inline SVG icons: glyphs like ⏮ are missing from many system fonts.
const common = {
  width: 14,
  height: 14,
  viewBox: '0 0 16 16',
  'aria-hidden': true,
  focusable: false,
} as const;

export const IconPlay = () => (
  <svg {...common}>
    <path d="M4 2.5v11l9-5.5z" fill="currentColor" />
  </svg>
);
export const IconPause = () => (
  <svg {...common}>
    <path d="M3.5 2.5h3v11h-3zM9.5 2.5h3v11h-3z" fill="currentColor" />
  </svg>
);
export const IconPrevious = () => (
  <svg {...common}>
    <path d="M3 2.5h2v11H3zM13 2.5v11L6 8z" fill="currentColor" />
  </svg>
);
export const IconNext = () => (
  <svg {...common}>
    <path d="M11 2.5h2v11h-2zM3 2.5v11L10 8z" fill="currentColor" />
  </svg>
);
