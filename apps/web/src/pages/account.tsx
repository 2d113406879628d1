import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { problemOf, ProblemAlert } from '../api/errors';
import { Field, ui } from '../components/ui';
import { graphql } from '../graphql';
import { useT } from '../i18n/i18n';
import { usePageTitle } from '../lib/title';
import { useSession } from '../session/session-context';

const RequestReset = graphql(`
  mutation RequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email)
  }
`);
const ResetPassword = graphql(`
  mutation ResetPassword($token: String!, $password: String!) {
    resetPassword(token: $token, password: $password)
  }
`);
const VerifyEmail = graphql(`
  mutation VerifyEmail($token: String!) {
    verifyEmail(token: $token)
  }
`);
export const ResendVerification = graphql(`
  mutation ResendVerification {
    resendVerificationEmail
  }
`);

/** /forgot-password: asks for a reset link; the answer never says whether the address is registered. */
export function ForgotPasswordPage() {
  const t = useT();
  usePageTitle(t('forgot.title'));
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [state, request] = useMutation(RequestReset);
  const problem = problemOf(state.error);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSent(false);
    const r = await request({ email: email.trim() });
    if (!r.error) setSent(true);
  };
  return (
    <section className={ui.stack} aria-labelledby="forgot-title">
      <h1 id="forgot-title">{t('forgot.title')}</h1>
      <p>{t('forgot.lead')}</p>
      <form className={ui.form} onSubmit={submit} noValidate>
        {problem && !problem.fields.email && <ProblemAlert error={state.error} />}
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
        <div>
          <button className={ui.button} type="submit" disabled={state.fetching}>
            {t('forgot.submit')}
          </button>
        </div>
        <p role="status" className={sent ? ui.notice : undefined}>
          {sent ? t('forgot.sent') : ''}
        </p>
        <p>
          <Link to="/login">{t('forgot.back')}</Link>
        </p>
      </form>
    </section>
  );
}

/** /reset-password?token=: sets a new password from the emailed link. */
export function ResetPasswordPage() {
  const t = useT();
  usePageTitle(t('reset.title'));
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const [state, reset] = useMutation(ResetPassword);
  const problem = problemOf(state.error);
  const fields = problem?.fields ?? {};
  const tokenProblem = !token ? t('reset.noToken') : fields.token ? t('reset.badToken') : null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await reset({ token, password });
    if (!r.error) setDone(true);
  };
  if (done)
    return (
      <section className={ui.stack} aria-labelledby="reset-title">
        <h1 id="reset-title">{t('reset.title')}</h1>
        <p role="status" className={ui.notice}>
          {t('reset.done')}
        </p>
        <p>
          <Link to="/login">{t('nav.logIn')}</Link>
        </p>
      </section>
    );
  return (
    <section className={ui.stack} aria-labelledby="reset-title">
      <h1 id="reset-title">{t('reset.title')}</h1>
      <form className={ui.form} onSubmit={submit} noValidate>
        {tokenProblem && (
          <p role="alert" className={ui.alert} id="reset-token-error">
            {tokenProblem} <Link to="/forgot-password">{t('reset.requestNew')}</Link>
          </p>
        )}
        {problem && !Object.keys(fields).length && <ProblemAlert error={state.error} />}
        <Field
          label={t('reset.password')}
          type="password"
          name="password"
          autoComplete="new-password"
          required
          hint={t('signup.passwordHint')}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fields.password}
        />
        <div>
          <button className={ui.button} type="submit" disabled={state.fetching || !token}>
            {t('reset.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** /verify-email?token=: confirms the address once; an expired or used link offers a new one when signed in. */
export function VerifyEmailPage() {
  const t = useT();
  usePageTitle(t('verify.title'));
  const { status } = useSession();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [state, verify] = useMutation(VerifyEmail);
  const [resend, runResend] = useMutation(ResendVerification);
  const started = useRef(false);
  useEffect(() => {
    if (started.current || !token) return;
    started.current = true;
    void verify({ token });
  }, [token, verify]);
  const problem = problemOf(state.error);
  const failed = !token || problem?.code === 'BAD_USER_INPUT';
  return (
    <section className={ui.stack} aria-labelledby="verify-title">
      <h1 id="verify-title">{t('verify.title')}</h1>
      <div role="status">
        {state.fetching && <p>{t('verify.checking')}</p>}
        {state.data?.verifyEmail && <p className={ui.notice}>{t('verify.done')}</p>}
      </div>
      {problem && !failed && <ProblemAlert error={state.error} />}
      {failed && (
        <div className={ui.stack}>
          <p role="alert" className={ui.alert}>
            {t('verify.bad')}
          </p>
          {status === 'signedIn' ? (
            <div className={ui.row}>
              <button
                type="button"
                className={ui.button}
                disabled={resend.fetching || !!resend.data}
                onClick={() => runResend({})}
              >
                {t('settings.resend')}
              </button>
              <span role="status">{resend.data ? t('settings.resent') : ''}</span>
            </div>
          ) : (
            <p>
              <Link to={`/login?next=${encodeURIComponent('/settings')}`}>
                {t('verify.logInToResend')}
              </Link>
            </p>
          )}
          <ProblemAlert error={resend.error} />
        </div>
      )}
      {state.data?.verifyEmail && (
        <p>
          <Link to="/">{t('nav.home')}</Link>
        </p>
      )}
    </section>
  );
}
