import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';

/** What a page passes in the history state to the page it navigates to ("User … deleted."). */
export interface FlashState {
  flash?: string;
}

/**
 * The message the previous page left in the history state, shown once: on mount it is cleared
 * from history so a reload does not show it again. The setter replaces or clears it.
 */
export function useFlash() {
  const location = useLocation();
  const navigate = useNavigate();
  const [flash, setFlash] = useState(() => (location.state as FlashState | null)?.flash);
  useEffect(() => {
    // Once, on mount.
    if (flash) navigate(location.pathname, { replace: true, state: null });
  }, []);
  return [flash, setFlash] as const;
}
