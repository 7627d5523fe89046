const STORAGE_KEY = 'loopscope.token';

/**
 * Browser mode's token, which the page's URL carries in its fragment (`/#token=…`): browsers never
 * send a fragment, and sessionStorage is this origin's alone, so the secret reaches no other local
 * server the way a cookie on 127.0.0.1 would. Kept for the tab's life, so a reload reconnects; the
 * fragment is taken out of the address bar at once.
 */
export function takePageToken(): string | null {
  keepFromFragment();
  // A restarted lab's new address opened in this tab differs from it only in the fragment, which
  // does not load the page again: the new token is kept and the page loaded with it.
  window.addEventListener('hashchange', () => {
    if (keepFromFragment()) location.reload();
  });
  return sessionStorage.getItem(STORAGE_KEY);
}

/** Whether the address bar's fragment held a token, now kept for the tab. */
function keepFromFragment(): boolean {
  const fromUrl = new URLSearchParams(location.hash.slice(1)).get('token');
  if (!fromUrl) return false;
  sessionStorage.setItem(STORAGE_KEY, fromUrl);
  history.replaceState(null, '', location.pathname + location.search);
  return true;
}
