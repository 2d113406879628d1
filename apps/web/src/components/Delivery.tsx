import { useEffect, useState } from 'react';
import { useMutation } from 'urql';
import { ProblemAlert } from '../api/errors';
import { graphql } from '../graphql';
import { useT } from '../i18n/i18n';
import { Select, ui } from './ui';

const SetCauseDelivery = graphql(`
  mutation SetCauseDelivery($id: ID!, $delivery: Delivery!) {
    setCauseDelivery(id: $id, delivery: $delivery) {
      id
      viewerDelivery
    }
  }
`);
const SetOrgDelivery = graphql(`
  mutation SetOrganizationDelivery($id: ID!, $delivery: Delivery!) {
    setOrganizationDelivery(id: $id, delivery: $delivery) {
      id
      viewerDelivery
    }
  }
`);
const SetUserDelivery = graphql(`
  mutation SetUserDelivery($id: ID!, $delivery: Delivery!) {
    setUserDelivery(id: $id, delivery: $delivery) {
      id
      viewerDelivery
    }
  }
`);

export const DELIVERIES = ['HOME', 'DIGEST', 'MUTED'] as const;
export type DeliveryMode = (typeof DELIVERIES)[number];

/** A labelled select for one follow's delivery (HOME, DIGEST, MUTED); `kind` picks the mutation. */
export function DeliverySelect({
  kind,
  id,
  name,
  value,
}: {
  kind: 'cause' | 'organization' | 'user';
  id: string;
  name: string;
  value: DeliveryMode;
}) {
  const t = useT();
  const [causeState, setCause] = useMutation(SetCauseDelivery);
  const [orgState, setOrg] = useMutation(SetOrgDelivery);
  const [userState, setUser] = useMutation(SetUserDelivery);
  const state = kind === 'cause' ? causeState : kind === 'organization' ? orgState : userState;
  // Shows the choice at once; back to the stored value if the API refuses it.
  const [current, setCurrent] = useState(value);
  useEffect(() => setCurrent(value), [value]);
  const change = async (delivery: DeliveryMode) => {
    setCurrent(delivery);
    const r = await (kind === 'cause'
      ? setCause({ id, delivery })
      : kind === 'organization'
        ? setOrg({ id, delivery })
        : setUser({ id, delivery }));
    if (r.error) setCurrent(value);
  };
  return (
    <div className={ui.stack} style={{ gap: '0.25rem' }}>
      <Select
        label={t('delivery.of', { name })}
        value={current}
        disabled={state.fetching}
        onChange={(e) => void change(e.target.value as DeliveryMode)}
      >
        {DELIVERIES.map((d) => (
          <option key={d} value={d}>
            {t(`delivery.${d}`)}
          </option>
        ))}
      </Select>
      <ProblemAlert error={state.error} />
    </div>
  );
}
