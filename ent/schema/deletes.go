package schema

// Delete rules: what refuses a delete while other rows refer to the row, and
// what goes with it. They are hooks, so every caller (the API, the demo loader,
// a future import) gets them, inside the mutation's transaction and after the
// access rules have decided.

import (
	"context"
	"strings"

	"entgo.io/ent"

	gen "jixiao/ent"
	"jixiao/ent/apitoken"
	"jixiao/ent/attachment"
	"jixiao/ent/department"
	"jixiao/ent/departmentyear"
	"jixiao/ent/evaluation"
	"jixiao/ent/fundingline"
	"jixiao/ent/hook"
	"jixiao/ent/indicator"
	"jixiao/ent/keytask"
	"jixiao/ent/libraryindicator"
	"jixiao/ent/monitoringreport"
	"jixiao/ent/monthlyexecution"
	"jixiao/ent/project"
	"jixiao/ent/reporttext"
	"jixiao/ent/roundparticipant"
	"jixiao/ent/ruleset"
	"jixiao/ent/targetversion"
	"jixiao/ent/user"
	"jixiao/ent/webhook"
	"jixiao/platform/inputerr"
)

// referrer is one kind of row that refers to the row being deleted.
type referrer struct {
	what  string // "sub-departments", plural
	count func(ctx context.Context, c *gen.Client, id int) (int, error)
}

// dependent deletes the rows that belong to the row being deleted.
type dependent func(ctx context.Context, c *gen.Client, id int) error

type deletion interface {
	ent.Mutation
	IDs(context.Context) ([]int, error)
	Client() *gen.Client
}

// onDelete refuses to delete a row that referrers still refer to, naming them
// with their counts (an *inputerr.InUse), and otherwise deletes its
// dependents before the row itself.
func onDelete(referrers []referrer, dependents ...dependent) ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			dm, ok := m.(deletion)
			if !ok {
				return next.Mutate(ctx, m)
			}
			ids, err := dm.IDs(ctx)
			if err != nil {
				return nil, err
			}
			c := dm.Client()
			for _, id := range ids {
				if err := unreferenced(ctx, c, noun(m.Type()), id, referrers); err != nil {
					return nil, err
				}
				for _, d := range dependents {
					if err := d(ctx, c, id); err != nil {
						return nil, err
					}
				}
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpDelete|ent.OpDeleteOne)
}

func unreferenced(ctx context.Context, c *gen.Client, entity string, id int, referrers []referrer) error {
	var held []inputerr.Reference
	for _, r := range referrers {
		n, err := r.count(ctx, c, id)
		if err != nil {
			return err
		}
		if n > 0 {
			held = append(held, inputerr.Reference{What: r.what, Count: n})
		}
	}
	if len(held) > 0 {
		return &inputerr.InUse{Entity: entity, ID: id, References: held}
	}
	return nil
}

// A department keeps its sub-departments and years.
func departmentDeletes() ent.Hook {
	return onDelete([]referrer{
		{"sub-departments", func(ctx context.Context, c *gen.Client, id int) (int, error) {
			return c.Department.Query().Where(department.ParentID(id)).Count(ctx)
		}},
		{"years", func(ctx context.Context, c *gen.Client, id int) (int, error) {
			return c.DepartmentYear.Query().Where(departmentyear.DepartmentID(id)).Count(ctx)
		}},
		{"rule sets", func(ctx context.Context, c *gen.Client, id int) (int, error) {
			return c.RuleSet.Query().Where(ruleset.RegionID(id)).Count(ctx)
		}},
		{"library indicators", func(ctx context.Context, c *gen.Client, id int) (int, error) {
			return c.LibraryIndicator.Query().Where(libraryindicator.DepartmentID(id)).Count(ctx)
		}},
		{"rounds", func(ctx context.Context, c *gen.Client, id int) (int, error) {
			return c.RoundParticipant.Query().Where(roundparticipant.DepartmentID(id)).Count(ctx)
		}},
		// An editor whose department went away could do nothing (an editor without one
		// is refused everything): move the users first.
		{"users", func(ctx context.Context, c *gen.Client, id int) (int, error) {
			return c.User.Query().Where(user.DepartmentID(id)).Count(ctx)
		}},
		// A scope that went away would leave the token or webhook unscoped: everything.
		{"API tokens", func(ctx context.Context, c *gen.Client, id int) (int, error) {
			return c.APIToken.Query().Where(apitoken.DepartmentID(id), apitoken.RevokedAtIsNil()).Count(ctx)
		}},
		{"webhooks", func(ctx context.Context, c *gen.Client, id int) (int, error) {
			return c.Webhook.Query().Where(webhook.DepartmentID(id)).Count(ctx)
		}},
	},
		// A revoked token opens nothing: it goes with its department (its creation and
		// revocation stay in the audit trail).
		func(ctx context.Context, c *gen.Client, id int) error {
			_, err := c.APIToken.Delete().Where(apitoken.DepartmentID(id), apitoken.RevokedAtNotNil()).Exec(ctx)
			return err
		})
}

// A department-year keeps its projects, indicators and evaluations; its monthly
// execution, key tasks and revenue lines are part of it and go with it (a
// project's lines went with the project).
func departmentYearDeletes() ent.Hook {
	return onDelete([]referrer{
		{"projects", func(ctx context.Context, c *gen.Client, id int) (int, error) {
			return c.Project.Query().Where(project.DepartmentYearID(id)).Count(ctx)
		}},
		{"indicators", func(ctx context.Context, c *gen.Client, id int) (int, error) {
			return c.Indicator.Query().Where(indicator.DepartmentYearID(id)).Count(ctx)
		}},
		{"evaluations", func(ctx context.Context, c *gen.Client, id int) (int, error) {
			return c.Evaluation.Query().Where(evaluation.DepartmentYearID(id)).Count(ctx)
		}},
		{"target versions", func(ctx context.Context, c *gen.Client, id int) (int, error) {
			return c.TargetVersion.Query().Where(targetversion.DepartmentYearID(id)).Count(ctx)
		}},
		{"monitoring reports", func(ctx context.Context, c *gen.Client, id int) (int, error) {
			return c.MonitoringReport.Query().Where(monitoringreport.DepartmentYearID(id)).Count(ctx)
		}},
	},
		func(ctx context.Context, c *gen.Client, id int) error {
			_, err := c.MonthlyExecution.Delete().Where(monthlyexecution.DepartmentYearID(id)).Exec(ctx)
			return err
		},
		func(ctx context.Context, c *gen.Client, id int) error {
			_, err := c.KeyTask.Delete().Where(keytask.DepartmentYearID(id)).Exec(ctx)
			return err
		},
		func(ctx context.Context, c *gen.Client, id int) error {
			_, err := c.FundingLine.Delete().Where(fundingline.DepartmentYearID(id), fundingline.ProjectIDIsNil()).Exec(ctx)
			return err
		},
	)
}

// A project keeps its indicators and evaluations; its lines by source of funds go with it.
func projectDeletes() ent.Hook {
	return onDelete([]referrer{
		{"indicators", func(ctx context.Context, c *gen.Client, id int) (int, error) {
			return c.Indicator.Query().Where(indicator.ProjectID(id)).Count(ctx)
		}},
		{"evaluations", func(ctx context.Context, c *gen.Client, id int) (int, error) {
			return c.Evaluation.Query().Where(evaluation.ProjectID(id)).Count(ctx)
		}},
		{"monitoring reports", func(ctx context.Context, c *gen.Client, id int) (int, error) {
			return c.MonitoringReport.Query().Where(monitoringreport.ProjectID(id)).Count(ctx)
		}},
	},
		func(ctx context.Context, c *gen.Client, id int) error {
			_, err := c.FundingLine.Delete().Where(fundingline.ProjectID(id)).Exec(ctx)
			return err
		},
	)
}

// An indicator's evidence (its attachments) goes with it; their files once the
// deletion has committed (attachmentDeletes).
func indicatorDeletes() ent.Hook {
	return onDelete(nil, func(ctx context.Context, c *gen.Client, id int) error {
		_, err := c.Attachment.Delete().Where(attachment.IndicatorID(id)).Exec(ctx)
		return err
	})
}

// A monitoring entry's evidence goes with it (with its draft report).
func monitoringEntryDeletes() ent.Hook {
	return onDelete(nil, func(ctx context.Context, c *gen.Client, id int) error {
		_, err := c.Attachment.Delete().Where(attachment.MonitoringEntryID(id)).Exec(ctx)
		return err
	})
}

// A rectification item's evidence goes with it, whatever its status (only
// administrators delete items).
func rectificationAttachmentDeletes() ent.Hook {
	return onDelete(nil, func(ctx context.Context, c *gen.Client, id int) error {
		_, err := c.Attachment.Delete().Where(attachment.RectificationID(id)).Exec(withOwnerDeleted(ctx, id))
		return err
	})
}

// An evaluation's report texts are part of it and go with it.
func evaluationDeletes() ent.Hook {
	return onDelete([]referrer{evaluationRectifications()}, func(ctx context.Context, c *gen.Client, id int) error {
		_, err := c.ReportText.Delete().Where(reporttext.EvaluationID(id)).Exec(ctx)
		return err
	})
}

// nouns are the entities' names in messages where they are not one word.
var nouns = map[string]string{
	"DepartmentYear":          "department-year",
	"KeyTask":                 "key task",
	"FundingLine":             "funding line",
	"MonthlyExecution":        "monthly execution",
	"APIToken":                "API token",
	"ReportText":              "report text",
	"RuleSet":                 "rule set",
	"LibraryIndicator":        "library indicator",
	"LibraryTransition":       "library transition",
	"TargetVersion":           "target version",
	"AttachmentContent":       "attachment content",
	"RoundParticipant":        "round participant",
	"ReviewScore":             "review score",
	"Rectification":           "rectification",
	"RectificationTransition": "rectification transition",
	"MonitoringReport":        "monitoring report",
	"MonitoringEntry":         "monitoring entry",
}

// noun is how a message names an entity of ent type typ.
func noun(typ string) string {
	if n, ok := nouns[typ]; ok {
		return n
	}
	return strings.ToLower(typ)
}
