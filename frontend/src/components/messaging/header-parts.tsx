import { NavLink } from "react-router";

export function MessagesLink({ unread }: { unread: number }) {
  return (
    <NavLink
      to="/messages"
      className={({ isActive }) =>
        `relative rounded-[var(--radius-control)] px-3 py-1.5 text-sm font-medium ${isActive ? "bg-brand-soft text-brand" : "hover:bg-surface-muted"}`
      }
      aria-label={unread > 0 ? `Messages, ${unread} unread` : "Messages"}
      data-testid="messages-link"
    >
      Messages
      {unread > 0 && (
        <span className="ml-1 rounded-full bg-danger px-1.5 text-xs font-bold text-white" data-testid="messages-unread">
          {unread}
        </span>
      )}
    </NavLink>
  );
}

export function BellIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
      <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}
