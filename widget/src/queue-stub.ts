/**
 * The documented queue stub, for pages that call `Reqio.*` before widget.js has loaded.
 * Not part of the bundle: the README and the test fixtures carry this exact text, and a
 * test checks they agree. The script replays `Reqio.q` in order and keeps the object.
 *
 * @example
 * <script>window.Reqio=window.Reqio||{q:[]};…</script>
 * <script>Reqio.identify(getToken); Reqio.on('ready', onReady);</script>
 */
export const QUEUE_STUB_SNIPPET =
  'window.Reqio=window.Reqio||{q:[]};["identify","reset","open","close","on","off"].forEach(function(m){Reqio[m]=Reqio[m]||function(){Reqio.q.push([m,arguments])}});';
