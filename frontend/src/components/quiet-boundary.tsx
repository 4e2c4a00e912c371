import { Component, type ReactNode } from "react";

/**
 * For pieces the page works without (the banners, the notifications, the header's extras): if one fails to render
 * (its code could not be downloaded), it shows nothing instead of taking the page down with it.
 */
export class QuietBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    return this.state.failed ? null : this.props.children;
  }
}
