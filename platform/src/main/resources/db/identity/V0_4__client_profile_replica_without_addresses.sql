-- Contact addresses are no longer replicated (they never leave the gateway): remove those stored before.
update client_profile_replica
   set channels = coalesce((select jsonb_agg(c - 'address') from jsonb_array_elements(channels) c), '[]'::jsonb)
 where jsonb_path_exists(channels, '$[*].address');
