package app

import "fmt"

// The permission matrix's rows for webhooks: administrators register them and
// read their delivery logs; nobody else reads or writes either.

var adminOnly = cells{anon: unauth, admin: allow, reviewer: forbidden, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}

func webhooksReads() []row {
	return []row{
		{"webhooks", plainOp(`{ webhooks(first: 10) { edges { node { id url } } } }`), adminOnly},
		{"webhookDeliveries", plainOp(`{ webhookDeliveries(first: 10) { edges { node { id status } } } }`), adminOnly},
	}
}

func webhooksMutations() []row {
	create := operation{query: `mutation($in: CreateWebhookInput!) { createWebhook(input: $in) { webhook { id } } }`,
		vars: func(e *env) map[string]any {
			return map[string]any{"in": map[string]any{"name": fmt.Sprintf("权限测试%d", e.next()),
				"url": "https://integration.example/jixiao", "secret": "a secret of at least sixteen", "entityTypes": []string{"Indicator"}}}
		}}
	return []row{{"createWebhook", create, adminOnly}}
}
