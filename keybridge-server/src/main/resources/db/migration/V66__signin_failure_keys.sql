-- Sign-in throttling counts failures by what failed, not only by e-mail address (dashboard.signin.SigninThrottle):
-- 'email:<address>' (one operator's address guessed from anywhere), 'client:<ip>' (one client guessing,
-- whatever addresses it tries) and 'pair:<ip> <address>' (one client on one operator's address).
alter table operator_signin_failure rename column email to key;
update operator_signin_failure set key = 'email:' || key;
create index operator_signin_failure_window on operator_signin_failure (window_start);
