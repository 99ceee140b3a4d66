// A draggable, keyboard-operable divider between two panes. It reports a width in px for the pane
// on its left (or right, with side="right"); the layout stores it in a CSS variable.
import { useRef } from 'react';

export function Splitter(props: {
  label: string;
  value: number;
  min: number;
  max: number;
  side?: 'left' | 'right';
  className?: string;
  onChange(px: number): void;
}) {
  const start = useRef<{ x: number; value: number } | null>(null);
  const sign = props.side === 'right' ? -1 : 1;
  const clamp = (v: number) => Math.max(props.min, Math.min(props.max, v));
  return (
    <div
      className={props.className ? `splitter ${props.className}` : 'splitter'}
      role="separator"
      aria-orientation="vertical"
      aria-label={props.label}
      aria-valuenow={Math.round(props.value)}
      aria-valuemin={props.min}
      aria-valuemax={props.max}
      tabIndex={0}
      onPointerDown={(e) => {
        start.current = { x: e.clientX, value: props.value };
        e.currentTarget.setPointerCapture(e.pointerId);
      }}
      onPointerMove={(e) => {
        if (start.current)
          props.onChange(clamp(start.current.value + sign * (e.clientX - start.current.x)));
      }}
      onPointerUp={() => (start.current = null)}
      onKeyDown={(e) => {
        const step = e.shiftKey ? 80 : 20;
        if (e.key === 'ArrowLeft') props.onChange(clamp(props.value - sign * step));
        if (e.key === 'ArrowRight') props.onChange(clamp(props.value + sign * step));
      }}
    />
  );
}
