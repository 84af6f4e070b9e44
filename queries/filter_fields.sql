-- Technology fields offered by the global field filter, with their colours.
select field_id, name_ja, name_en, color from tech_fields order by sort_order
