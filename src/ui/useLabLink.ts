// The lab step named in the address bar (#lab=…&step=…), kept current as the hash changes.
import { useEffect, useState } from 'react';
import { parseLabLink, type LabLink } from '../labs/progress.ts';

export function useLabLink(): LabLink | undefined {
  const [link, setLink] = useState(() => parseLabLink(location.hash));
  useEffect(() => {
    const on = () => setLink(parseLabLink(location.hash));
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return link;
}
