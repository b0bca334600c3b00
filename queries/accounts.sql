/* @name CurrentUserId */
SELECT app.current_user_id() AS "userId" -- the person of this transaction, null outside withUser()
;
