import { useEffect } from 'preact/hooks';
import { navigate } from '../app/route-signal';
import { useServices } from '../app/services-context';

/** Login and register make no sense once signed in: go to the market watch. */
export function useRedirectWhenSignedIn(): void {
  const signedIn = useServices().session.status.value === 'signed-in';
  useEffect(() => {
    if (signedIn) navigate('market');
  }, [signedIn]);
}
