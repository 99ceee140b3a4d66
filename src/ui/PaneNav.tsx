// On a phone the panes stack in one scrolling column; this row jumps to each. Buttons, not
// `#anchor` links: the address bar's hash carries the lab step and share links.
const PANES = [
  { id: 'pane-workspace', label: 'Workspace' },
  { id: 'pane-cluster', label: 'Cluster' },
  { id: 'pane-side', label: 'Explain · Labs' },
];

export function PaneNav() {
  return (
    <nav className="pane-nav" aria-label="Panes">
      {PANES.map((p) => (
        <button
          key={p.id}
          type="button"
          className="link"
          onClick={() => document.getElementById(p.id)?.scrollIntoView({ block: 'start' })}
        >
          {p.label}
        </button>
      ))}
    </nav>
  );
}
