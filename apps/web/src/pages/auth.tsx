import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { problemOf, useProblemText, type ApiProblem } from '../api/errors';
import { usePageTitle } from '../lib/title';
import { Field, ui } from '../components/ui';
import { useLocale, useT } from '../i18n/i18n';
import { AuthError } from '../session/session';
import { useSession } from '../session/session-context';

function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : null;
}

function FormProblem({ problem }: { problem: ApiProblem | null }) {
  const text = useProblemText();
  if (!problem) return null;
  return (
    <p role="alert" className={ui.alert}>
      {text(problem)}
    </p>
  );
}

/** The browser's IANA time zone, sent at sign-up so the digest arrives in the person's morning. */
export function browserTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}

export function LogInPage() {
  const t = useT();
  usePageTitle(t('login.title'));
  const { session } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await session.logIn({ email, password });
      void navigate(safeNext(params.get('next')) ?? '/', { replace: true });
    } catch (err) {
      setProblem(problemOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className={ui.stack} aria-labelledby="login-title">
      <h1 id="login-title">{t('login.title')}</h1>
      <form className={ui.form} onSubmit={submit} noValidate>
        <FormProblem problem={problem && !Object.keys(problem.fields).length ? problem : null} />
        <Field
          label={t('field.email')}
          type="email"
          name="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={problem?.fields.email}
        />
        <Field
          label={t('field.password')}
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={problem?.fields.password}
        />
        <div className={ui.row}>
          <button className={ui.button} type="submit" disabled={busy}>
            {t('login.submit')}
          </button>
          <Link to="/forgot-password">{t('login.forgot')}</Link>
        </div>
        <p>
          {t('login.noAccount')} <Link to="/signup">{t('nav.signUp')}</Link>
        </p>
      </form>
    </section>
  );
}

export function SignUpPage() {
  const t = useT();
  usePageTitle(t('signup.title'));
  const { session } = useSession();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const [form, setForm] = useState({ email: '', password: '', handle: '', displayName: '' });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      try {
        await session.signUp({ ...form, locale, timeZone: browserTimeZone() });
      } catch (err) {
        // A browser time zone the API does not know must not stop a sign-up: the account starts in UTC.
        const fields = err instanceof AuthError ? Object.keys(err.fields) : [];
        if (!fields.length || fields.some((f) => f !== 'timeZone' && f !== 'locale')) throw err;
        await session.signUp(form);
      }
      void navigate('/welcome', { replace: true });
    } catch (err) {
      setProblem(problemOf(err));
    } finally {
      setBusy(false);
    }
  };
  const fields = problem?.fields ?? {};
  return (
    <section className={ui.stack} aria-labelledby="signup-title">
      <h1 id="signup-title">{t('signup.title')}</h1>
      <p>{t('signup.lead')}</p>
      <form className={ui.form} onSubmit={submit} noValidate>
        <FormProblem problem={problem} />
        <Field
          label={t('field.email')}
          type="email"
          name="email"
          autoComplete="email"
          required
          value={form.email}
          onChange={set('email')}
          error={fields.email}
        />
        <Field
          label={t('field.password')}
          type="password"
          name="password"
          autoComplete="new-password"
          required
          hint={t('signup.passwordHint')}
          value={form.password}
          onChange={set('password')}
          error={fields.password}
        />
        <Field
          label={t('field.handle')}
          name="handle"
          autoComplete="username"
          required
          hint={t('signup.handleHint')}
          value={form.handle}
          onChange={set('handle')}
          error={fields.handle}
        />
        <Field
          label={t('field.displayName')}
          name="displayName"
          autoComplete="name"
          required
          value={form.displayName}
          onChange={set('displayName')}
          error={fields.displayName}
        />
        <div>
          <button className={ui.button} type="submit" disabled={busy}>
            {t('signup.submit')}
          </button>
        </div>
        <p>
          {t('signup.haveAccount')} <Link to="/login">{t('nav.logIn')}</Link>
        </p>
      </form>
    </section>
  );
}
