import { createShareClient } from './api/share-client.js';
import './features/share/m365-share-page.js';

// Entry of share.html (served next to the bundle under /ui/). The link's token is the URL fragment,
// which browsers never send to a server; the API is one level up, at `../share/v1/:token`.
const page = document.createElement('m365-share-page');
page.client = createShareClient(new URL('../', location.href).href);
page.locale = navigator.language;
const readToken = () => (page.token = decodeURIComponent(location.hash.slice(1)));
readToken();
window.addEventListener('hashchange', readToken);
document.body.append(page);
