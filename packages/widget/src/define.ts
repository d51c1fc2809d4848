// Registers every element at once, for pages that bundle the npm package. The script-tag
// build (`duly.js`) registers the first screen's elements at once and loads the others'
// chunks later. `<duly-portal>` comes last, so that the parts it renders are defined when
// it first renders.
import './account/define.js';
import './account-summary/define.js';
import './invoice-list/define.js';
import './invoice-detail/define.js';
import './pay/define.js';
import './payment-methods/define.js';
import './autopay/define.js';
import './payments/define.js';
import './payment-notice/define.js';
import './receipt/define.js';
import './statement/define.js';
import './threads/define.js';
import './subscriptions/define.js';
import './portal/define.js';
