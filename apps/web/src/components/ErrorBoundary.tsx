import { Component, type ReactNode } from 'react';
import { useT } from '../i18n/i18n';
import { ui } from './ui';

function Failed({ retry }: { retry: () => void }) {
  const t = useT();
  return (
    <div role="alert" className={ui.alert}>
      <p>{t('error.page')}</p>
      <button type="button" className={`${ui.secondary} ${ui.small}`} onClick={retry}>
        {t('banner.retry')}
      </button>
    </div>
  );
}

/** A page that failed to load (its code while offline, or a bug) says so with Retry instead of going blank. */
export class ErrorBoundary extends Component<
  { children: ReactNode; resetKey: string },
  { failed: boolean; key: string }
> {
  override state = { failed: false, key: this.props.resetKey };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  static getDerivedStateFromProps(
    props: { resetKey: string },
    state: { failed: boolean; key: string },
  ) {
    return props.resetKey !== state.key ? { failed: false, key: props.resetKey } : null;
  }
  override render() {
    return this.state.failed ? (
      <Failed retry={() => window.location.reload()} />
    ) : (
      this.props.children
    );
  }
}
