import { Component, type ComponentChildren } from 'preact';
import { warn } from '../warn.js';

/** Stops a rendering error at the widget's edge: it becomes a warning and the widget hides. */
export class ErrorBoundary extends Component<{ children: ComponentChildren }, { failed?: boolean }> {
  override componentDidCatch(error: unknown): void {
    warn('the widget failed to render', error);
    this.setState({ failed: true });
  }

  render() {
    return this.state.failed ? null : this.props.children;
  }
}
