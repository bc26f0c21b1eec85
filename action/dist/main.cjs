'use strict';
require('./acr-login.cjs').main();
