'use strict';
require('./acr-login.cjs').post();
