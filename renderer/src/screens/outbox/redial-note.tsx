// "Openfax will redial about 10:42." in the person's local time, for a fax waiting to redial;
// nothing when the time cannot be known (see shared/redial-estimate.ts).

import { redialAbout } from '../../../../shared/redial-estimate.ts';
import { clockTime } from './format.ts';

export function RedialNote({ redialAt }: { redialAt: number | null }) {
  const about = redialAbout(redialAt, Date.now(), clockTime);
  if (!about) return null;
  return (
    <p className="muted" data-testid="redial-note">
      Openfax will redial {about}.
    </p>
  );
}
