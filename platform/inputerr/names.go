package inputerr

import "strings"

// GraphQLName turns a column name into its GraphQL field name as entgql spells it,
// so that an error names the field the caller sent: rated_score → ratedScore,
// department_year_id → departmentYearID.
func GraphQLName(column string) string {
	parts := strings.Split(column, "_")
	for i := 1; i < len(parts); i++ {
		if parts[i] == "id" {
			parts[i] = "ID"
		} else if parts[i] != "" {
			parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
		}
	}
	return strings.Join(parts, "")
}
