import { registerEnumType } from '@nestjs/graphql';
import { DigestFrequency } from '@causeway/accounts';
import { Delivery } from '@causeway/follows';

registerEnumType(Delivery, {
  name: 'Delivery',
  description: 'How updates from one followed source reach the viewer.',
  valuesMap: {
    HOME: { description: 'Into the home feed, live (the default for a new follow).' },
    DIGEST: { description: "Not in the home feed: gathered into the viewer's email digest." },
    MUTED: { description: 'Still followed (counted and listed) but delivered nowhere.' },
  },
});
registerEnumType(DigestFrequency, {
  name: 'DigestFrequency',
  description: 'How often the digest email is sent.',
  valuesMap: {
    DAILY: { description: "Every morning in the person's time zone." },
    WEEKLY: { description: "Once a week, on a morning in the person's time zone (the default)." },
    OFF: { description: 'Never.' },
  },
});

export { Delivery, DigestFrequency };
