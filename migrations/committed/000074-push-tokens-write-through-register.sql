--! Previous: sha1:027f0aeaf9e3bfa4bde6c9225cd66b03019cd494
--! Hash: sha1:956b36cc963aaf7614024c7284e053872cbbc632
--! Message: accounts: push tokens are written only through app.register_push_token (no existence oracle)

-- Issue 14: a token is unique across people (push_tokens_token_key), so a plain INSERT by app_user
-- of a token someone else holds failed with 23505: an existence oracle for other people's tokens
-- (and an UPDATE of one's own row to that token did the same). The design already says a device
-- belongs to one person at a time: app.register_push_token (SECURITY DEFINER) moves a token that is
-- registered to someone else to the caller. So app_user loses INSERT and UPDATE on the table: every
-- write of a token goes through that function, which never fails because the token exists.
-- It reports moved_from_other: FCM/APNs issue a token to one app installation, so whoever presents
-- it holds that installation, and the previous holder stops receiving pushes either way.
-- app_user keeps SELECT and DELETE of their own rows (listPushTokens, removePushToken). The
-- person_insert / person_update policies stay (every person table has all four; they bind again
-- should the privilege come back).
set local lock_timeout = '5s';
set local statement_timeout = '60s';

revoke insert, update on table app.push_tokens from app_user;

comment on table app.push_tokens is
  'FCM/APNs device tokens of a person''s phones (Epicura). A token is unique across people: when a phone changes hands the row moves to the new person. app_user writes tokens only through app.register_push_token (no INSERT or UPDATE privilege), so registering a token never fails because someone else holds it (no existence oracle). Deleted with the person (ON DELETE CASCADE).';
